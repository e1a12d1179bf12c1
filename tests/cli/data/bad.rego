package bad

p := 1 +

q := [
