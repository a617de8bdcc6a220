-- filter: kind eq 'subscription'
-- params: ["subscription"]
'subscription'::text = $1
