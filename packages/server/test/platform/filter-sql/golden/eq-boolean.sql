-- filter: isEval eq true
-- params: [true]
"is_eval" = $1
