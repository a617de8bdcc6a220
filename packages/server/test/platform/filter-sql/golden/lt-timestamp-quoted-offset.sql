-- filter: endTime lt '2024-01-18t19:53:51+02:00'
-- params: ["2024-01-18T19:53:51+02:00"]
("end_time" < $1::timestamptz and "end_time" is not null)
