-- wrk script: every request is calc.add(2, 3) on the server's HTTPS port, as XML-RPC at /RPC2
-- ("xmlrpc") or as Connect JSON through the gateway ("json"), named after `--`, with the token
-- given next sent as 'Authorization: Bearer TOKEN' ("-" for none). Every answer is checked
-- against the sum given last (5 unless told), in every thread, and the total of wrong ones is
-- printed at the end.
-- usage: wrk -t2 -c16 -d5s -s calc-add.lua https://127.0.0.1:PORT [-- xmlrpc|json [TOKEN [SUM]]]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
  local sum = tonumber(args[3] or "5")
  local headers = {}
  if args[2] and args[2] ~= "-" then
    headers["Authorization"] = "Bearer " .. args[2]
  end
  if args[1] == "json" then
    expected = string.format('{"value":%.1f}', sum)
    headers["Content-Type"] = "application/json"
    prepared = wrk.format("POST", "/netlab.calculator.v1.CalculatorService/Add", headers,
      '{"x": 2, "y": 3}')
  else
    expected = string.format("<double>%.1f</double>", sum)
    headers["Content-Type"] = "text/xml"
    prepared = wrk.format("POST", "/RPC2", headers,
      "<?xml version='1.0'?>\n<methodCall>\n<methodName>add</methodName>\n"
      .. "<params>\n<param>\n<value><int>2</int></value>\n</param>\n"
      .. "<param>\n<value><int>3</int></value>\n</param>\n</params>\n</methodCall>\n")
  end
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
