-- filter: createdAt ge 2024-01-18T19:53:51.480Z
-- params: ["2024-01-18T19:53:51.480Z"]
"created_at" >= $1::timestamptz
