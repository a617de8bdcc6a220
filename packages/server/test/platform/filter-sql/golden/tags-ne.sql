-- filter-tags: 'city' ne 'London'
-- params: ["city","London"]
exists (select 1 from jsonb_each_text("s"."tags") as filter_tag where lower(filter_tag.key) = lower($1::text) and lower(filter_tag.value) <> lower($2::text))
