-- filter: not productType eq 'SERVICE'
-- params: ["SERVICE"]
not (("product_type" = $1 and "product_type" is not null))
