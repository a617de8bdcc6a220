-- filter: subscriptionType in 'CENTRAL_STORAGE', 'CENTRAL_CONTROLLER'
-- params: ["CENTRAL_STORAGE","CENTRAL_CONTROLLER"]
"subscription_type" in ($1, $2)
