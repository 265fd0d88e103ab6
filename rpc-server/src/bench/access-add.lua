-- wrk script: every request is the XML-RPC call add(2, 3), with the token given after `--`
-- sent as 'Authorization: Bearer TOKEN' ("-" for none). Every answer is checked against the
-- sum given after the token (5 unless told), in every thread, and the total of wrong ones
-- is printed at the end.
-- usage: wrk -t2 -c16 -d5s -s access-add.lua https://127.0.0.1:PORT/RPC2 [-- TOKEN [SUM]]
local body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>add</methodName>\n"
  .. "<params>\n<param>\n<value><int>2</int></value>\n</param>\n"
  .. "<param>\n<value><int>3</int></value>\n</param>\n</params>\n</methodCall>\n"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
  expected = string.format("<double>%.1f</double>", tonumber(args[2] or "5"))
  local headers = { ["Content-Type"] = "text/xml" }
  if args[1] and args[1] ~= "-" then
    headers["Authorization"] = "Bearer " .. args[1]
  end
  prepared = wrk.format("POST", "/RPC2", headers, body)
end

function request()
  return prepared
end

function response(status, headers, answer)
  if status ~= 200 or not string.find(answer, expected, 1, true) then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("wrong")
  end
  io.write(string.format("wrong answers: %d\n", total))
end
