-- filter: productType in ('DEVICE', null)
-- params: ["DEVICE"]
("product_type" in ($1) or "product_type" is null)
