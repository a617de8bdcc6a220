-- filter: id eq 'A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D'
-- params: ["a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"]
"id" = $1
