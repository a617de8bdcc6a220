-- filter: not ((quantity gt 1 and quantity lt 10) or (price ge 100 and not isEval eq false))
-- params: ["1","10","100",false]
not ((("quantity" > $1::bigint and "quantity" is not null) and ("quantity" < $2::bigint and "quantity" is not null)) or ("unit_price" >= $3::numeric and not ("is_eval" = $4)))
