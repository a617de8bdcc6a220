-- filter: 'blue' in labels
-- params: ["blue"]
$1 = any("labels")
