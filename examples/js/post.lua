-- wrk's requests for the echo server: POST with the body "Hello", as curl -d "Hello" sends it.
wrk.method = "POST"
wrk.body = "Hello"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
