-- filter: quantity gt 5
-- params: ["5"]
("quantity" > $1::bigint and "quantity" is not null)
