print("council-api")
