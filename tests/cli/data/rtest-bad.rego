package bad

test_x if {
