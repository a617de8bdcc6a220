-- filter: tags/name eq 'alpha'
-- params: ["alpha"]
("tag_name" = $1 and "tag_name" is not null)
