def test_a_verified_advocate_reaches_the_dashboard(staff_client, advocate):
    response = staff_client(advocate).get("/")
    assert response.status_code == 200
    assert b"Alex" in response.content
