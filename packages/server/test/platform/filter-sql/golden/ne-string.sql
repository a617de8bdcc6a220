-- filter: subscriptionType ne 'SERVICE'
-- params: ["SERVICE"]
"subscription_type" <> $1
