-- filter: (key eq 'a' or key eq 'b') and isEval eq true
-- params: ["a","b",true]
(("s"."key" = $1 or "s"."key" = $2) and "is_eval" = $3)
