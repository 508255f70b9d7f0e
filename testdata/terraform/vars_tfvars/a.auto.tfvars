region   = "ap-south-1"
settings = { tier = "gold" }
