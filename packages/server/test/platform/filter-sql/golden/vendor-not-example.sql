-- filter: startTime gt '2024-01-01T00:00:00Z' and endTime lt '2025-01-01T00:00:00Z' and not productType eq 'SERVICE'
-- params: ["2024-01-01T00:00:00Z","2025-01-01T00:00:00Z","SERVICE"]
("start_time" > $1::timestamptz and ("end_time" < $2::timestamptz and "end_time" is not null) and not (("product_type" = $3 and "product_type" is not null)))
