-- filter: productType ne null
-- params: []
"product_type" is not null
