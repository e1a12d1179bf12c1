package v0

allow { input.x == 1 } { true }

names[n] { n := ["a", "b"][_] }
