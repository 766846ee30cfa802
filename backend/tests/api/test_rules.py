def test_evaluate_a_rule_against_a_sample_payload(client):
    rule = {"==": [{"var": "lead.title"}, "CEO"]}
    assert client.post(
        "/rules/evaluate", json={"rule": rule, "payload": {"lead": {"title": "CEO"}}}
    ).json() == {
        "result": True,
        "matched": True,
    }
    miss = client.post(
        "/rules/evaluate", json={"rule": rule, "payload": {"lead": {"title": "CTO"}}}
    ).json()
    assert miss == {"result": False, "matched": False}


def test_matched_is_jsonlogic_truthiness(client):
    body = client.post(
        "/rules/evaluate", json={"rule": {"var": "items"}, "payload": {"items": []}}
    ).json()
    assert body == {"result": [], "matched": False}


def test_the_rule_sees_payload_under_its_own_name_too(client):
    body = client.post(
        "/rules/evaluate", json={"rule": {"var": "payload.a"}, "payload": {"a": 5}}
    ).json()
    assert body["result"] == 5


def test_an_invalid_rule_is_a_422_naming_it(client):
    response = client.post("/rules/evaluate", json={"rule": {"nope": [1]}, "payload": {}})
    assert response.status_code == 422
    assert "nope" in response.json()["detail"][0]["msg"]


def test_operators_are_listed_for_the_rule_builder(client):
    operators = client.get("/rules/operators").json()["items"]
    assert all(set(op) == {"name", "category", "description", "example"} for op in operators)
    names = {op["name"] for op in operators}
    assert {"==", "and", "or", "var", "in", "startsWith", "endsWith", "regex"} <= names


def test_a_result_holding_half_a_surrogate_pair_is_still_answered(client):
    response = client.post(
        "/rules/evaluate", json={"rule": {"substr": ["😀", 0, 1]}, "payload": {}}
    )
    assert response.status_code == 200
    assert response.json()["result"] == "\ud83d"
