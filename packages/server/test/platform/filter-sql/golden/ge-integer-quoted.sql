-- filter: quantity ge '10'
-- params: ["10"]
("quantity" >= $1::bigint and "quantity" is not null)
