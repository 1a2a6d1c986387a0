wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, "/api/v1/users/" .. math.random(1, 200) .. "/points/charge", nil, '{"amount":1}')
end
