-- filter: quantity in (1, 2, 3)
-- params: ["1","2","3"]
("quantity" in ($1::bigint, $2::bigint, $3::bigint) and "quantity" is not null)
