-- filter: key eq 'STIAPL6404'
-- params: ["STIAPL6404"]
"s"."key" = $1
