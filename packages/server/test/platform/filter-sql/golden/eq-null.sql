-- filter: productType eq null
-- params: []
"product_type" is null
