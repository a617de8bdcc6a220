-- filter: price le -0.25
-- params: ["-0.25"]
"unit_price" <= $1::numeric
