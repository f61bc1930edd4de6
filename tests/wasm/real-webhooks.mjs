// Webhook deliveries captured from a real Nango server (0.71.4): raw body bytes,
// signature headers and signing key. A module copy of
// crates/nango-core/tests/data/real-webhooks.json, importable in every runtime.
export default {
 "about": "Webhook deliveries captured from a real Nango server (0.71.4) run on loopback: the exact raw body bytes as sent, the signature headers, and the key that signed them. Verify the raw_body string's UTF-8 bytes as-is.",
 "deliveries": [
  {
   "type": "auth",
   "signing_key": "7ade7940-683a-438e-899a-6122ad9694fe",
   "headers": {
    "content-type": "application/json",
    "x-nango-signature": "4b36a1dd1e41c536bb9739e7a57209ed559a8c3d1d2de31fcee2443bf39dd90f",
    "x-nango-hmac-sha256": "652c0b2fbef3f736761e20b864f6c6ce3e68e0bd14469a29546d404537c87b95"
   },
   "raw_body": "{\"authMode\":\"API_KEY\",\"connectionId\":\"wh-conn-1\",\"environment\":\"dev\",\"from\":\"nango\",\"operation\":\"creation\",\"provider\":\"airtable-pat\",\"providerConfigKey\":\"airtable-test\",\"success\":true,\"tags\":{\"end_user_id\":\"u-wh\"},\"type\":\"auth\"}"
  },
  {
   "type": "auth",
   "signing_key": "e4323faa-1c98-4b49-84d1-a06b646f1daa",
   "headers": {
    "content-type": "application/json",
    "x-nango-signature": "7b67ac0b50f3d7986a057daa3090356167ce0f2d24467471921ef0e840d85d99",
    "x-nango-hmac-sha256": "a0abf54c00f3414410fb138fd38eebd653db8c8ef0fa5f70698a9a950b952396"
   },
   "raw_body": "{\"authMode\":\"API_KEY\",\"connectionId\":\"b7fd722d-3673-412a-b52e-8f11567f6deb\",\"endUser\":{\"endUserEmail\":\"eu42@example.com\",\"endUserId\":\"eu-42\",\"organizationId\":\"org-9\",\"tags\":{}},\"environment\":\"dev\",\"from\":\"nango\",\"operation\":\"creation\",\"provider\":\"airtable-pat\",\"providerConfigKey\":\"airtable-test\",\"success\":true,\"tags\":{\"end_user_display_name\":\"EU 42\",\"end_user_email\":\"eu42@example.com\",\"end_user_id\":\"eu-42\",\"organization_display_name\":\"Org 9\",\"organization_id\":\"org-9\"},\"type\":\"auth\"}"
  },
  {
   "type": "forward",
   "signing_key": "e4323faa-1c98-4b49-84d1-a06b646f1daa",
   "headers": {
    "content-type": "application/json",
    "x-nango-signature": "beb3d5b2e7129bb9e7d7a112937dd46b100436fabf94dd1da29c440cefa1338c",
    "x-nango-hmac-sha256": "0feeeddba73eec785602e194a3ac4cf32d30b47a8e0b3f30cc9256e0dd753adb"
   },
   "raw_body": "{\"connectionId\":\"unauth-1\",\"from\":\"unauthenticated\",\"payload\":{\"connectionId\":\"unauth-1\",\"payload\":{\"x\":1},\"type\":\"row.created\"},\"providerConfigKey\":\"unauth-test\",\"type\":\"forward\"}"
  },
  {
   "type": "async_action",
   "signing_key": "e4323faa-1c98-4b49-84d1-a06b646f1daa",
   "headers": {
    "content-type": "application/json",
    "x-nango-signature": "f8094ccfef3f38c96d2a744a9b3b17d9ecd8ea6be67f2e25a9446a33954e0d68",
    "x-nango-hmac-sha256": "aaad2236e22d573d4bd022a7e7b994b5a1d3ada36999c9c021ca508d54a9ca61"
   },
   "raw_body": "{\"connectionId\":\"conn-at-1\",\"from\":\"nango\",\"payload\":{\"id\":\"af41514f-ae1e-42cf-adda-41791849ff54\",\"statusUrl\":\"/action/af41514f-ae1e-42cf-adda-41791849ff54\"},\"providerConfigKey\":\"airtable-test\",\"type\":\"async_action\"}"
  },
  {
   "type": "sync",
   "signing_key": "e4323faa-1c98-4b49-84d1-a06b646f1daa",
   "headers": {
    "content-type": "application/json",
    "x-nango-signature": "6603dcd112913c2a5e4dfafd9c8febccf53a31aaaf20b2aad3e1a9fa69f0236f",
    "x-nango-hmac-sha256": "f8eae8a9e8f93f2a4e9c7b3cbc1980e75f458c25a7e4c8af4c6f668e93b32583"
   },
   "raw_body": "{\"connectionId\":\"conn-at-1\",\"from\":\"nango\",\"model\":\"Item\",\"modifiedAfter\":\"2026-11-23T18:41:59.236Z\",\"providerConfigKey\":\"airtable-test\",\"queryTimeStamp\":\"2026-11-23T18:41:59.236Z\",\"responseResults\":{\"added\":2,\"deleted\":0,\"updated\":0},\"success\":true,\"syncName\":\"items\",\"syncType\":\"INITIAL\",\"syncVariant\":\"base\",\"type\":\"sync\"}"
  }
 ]
};
