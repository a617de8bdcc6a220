-- filter: price lt 12.50
-- params: ["12.50"]
"unit_price" < $1::numeric
