-- filter: productType eq 'DEVICE'
-- params: ["DEVICE"]
("product_type" = $1 and "product_type" is not null)
