-- wrk script: every request is GET PATH (given after `--`), and every answer is checked: status
-- 200 and a body of the expected length in bytes (given after the path). The wrong answers of
-- all threads are summed at the end (each thread keeps its own count; done() reads them).
-- usage: wrk -t2 -c16 -d5s -s vault-get.lua http://127.0.0.1:PORT -- /small.txt 1024
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrong = 0
  checked = 0
  path = args[1] or "/"
  expected = tonumber(args[2] or "0")
  prepared = wrk.format("GET", path)
end

function request()
  return prepared
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or #body ~= expected then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local wrong_total, checked_total = 0, 0
  for _, thread in ipairs(threads) do
    wrong_total = wrong_total + thread:get("wrong")
    checked_total = checked_total + thread:get("checked")
  end
  io.write(string.format("answers checked: %d\n", checked_total))
  io.write(string.format("wrong answers: %d\n", wrong_total))
end
