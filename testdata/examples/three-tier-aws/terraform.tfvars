environment     = "prod"
certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/demo"
db_public       = true
