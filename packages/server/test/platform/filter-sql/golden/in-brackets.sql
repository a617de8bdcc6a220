-- filter: key in ['A','B']
-- params: ["A","B"]
"s"."key" in ($1, $2)
