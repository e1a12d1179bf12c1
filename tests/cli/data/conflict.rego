package conflict

p := 1
p := 2 if true
