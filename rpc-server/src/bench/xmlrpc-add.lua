-- wrk script: every request is the XML-RPC call add(2, 3), as Python's xmlrpc.client sends it.
-- usage: wrk -t2 -c32 -d20s --latency -s xmlrpc-add.lua https://127.0.0.1:PORT/RPC2
wrk.method = "POST"
wrk.path = "/RPC2"
wrk.headers["Content-Type"] = "text/xml"
wrk.body = "<?xml version='1.0'?>\n<methodCall>\n<methodName>add</methodName>\n"
  .. "<params>\n<param>\n<value><int>2</int></value>\n</param>\n"
  .. "<param>\n<value><int>3</int></value>\n</param>\n</params>\n</methodCall>\n"

-- Counts answers that are not the sum, so a run of faults cannot pass for a fast run.
local wrong = 0
function response(status, headers, body)
  if status ~= 200 or not string.find(body, "<double>5.0</double>", 1, true) then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("wrong answers (this thread's view): %d\n", wrong))
end
