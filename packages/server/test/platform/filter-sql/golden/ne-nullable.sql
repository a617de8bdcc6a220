-- filter: productType ne 'SERVICE'
-- params: ["SERVICE"]
"product_type" is distinct from $1
