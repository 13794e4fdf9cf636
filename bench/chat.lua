-- wrk script for the Keypool benchmark: POSTs a small OpenAI chat completion request.
-- BENCH_AUTH (optional) is sent as "Authorization: Bearer <value>".
wrk.method = "POST"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"Say hi"}]}'
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. auth
end
