-- filter: isFlexPartner ne false
-- params: [false]
"is_flex_partner" is distinct from $1
