-- An order of one unit of a random item (1..ITEMS, default 100; ITEMS=1 is one hot item) by a random buyer 1..N (N:
-- the lines of TOKENS_FILE, see tokens.lua), with that buyer's own token. wrk -s benchmark/ab/order.lua, with
-- TOKENS_FILE set, users 1..N funded and items 1..ITEMS in stock.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local users = dofile(dir .. "tokens.lua")
local items = tonumber(os.getenv("ITEMS") or "100")
wrk.method = "POST"
request = function()
  local user = math.random(1, #users)
  local body = string.format('{"userId":%d,"lines":[{"itemId":%d,"quantity":1}]}', user, math.random(1, items))
  return wrk.format(nil, "/api/v1/orders", users[user], body)
end
