-- A charge of 1 point by a random user 1..N (N: the lines of TOKENS_FILE, see tokens.lua), with that user's own token.
-- wrk -s benchmark/ab/charge.lua, with TOKENS_FILE set and users 1..N existing.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local users = dofile(dir .. "tokens.lua")
wrk.method = "POST"
request = function()
  local user = math.random(1, #users)
  return wrk.format(nil, "/api/v1/users/" .. user .. "/points/charge", users[user], '{"amount":1}')
end
