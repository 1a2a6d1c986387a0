-- random buyer (1..200) and item (1..100), one unit
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = string.format('{"userId":%d,"lines":[{"itemId":%d,"quantity":1}]}', math.random(1, 200), math.random(1, 100))
  return wrk.format(nil, "/api/v1/orders", nil, body)
end
