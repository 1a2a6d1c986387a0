-- Shared by charge.lua and order.lua: the bearer tokens of users 1..N, read once per wrk thread before the load from
-- the file named by TOKENS_FILE, one token per line, line i for user i (mint-token.sh makes them; minting inside the
-- load would cost CPU on the machine being measured). Returns the request headers of each user, made once.
local path = os.getenv("TOKENS_FILE")
if path == nil or path == "" then
  error("set TOKENS_FILE to a file of bearer tokens, line i for user i (see benchmark/ab/mint-token.sh)")
end
local headers = {}
for token in io.lines(path) do
  if token ~= "" then
    headers[#headers + 1] = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  end
end
if #headers == 0 then
  error("no token in " .. path)
end
return headers
