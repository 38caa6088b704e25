-- Test driver, run after contrib/nvim/o11ylint.lua has attached the server
-- to the opened Go file: wait for o11ylint's diagnostics, ask for code
-- actions, apply the preferred fix, write the file (didSave) and wait for
-- the diagnostics to go away. Writes what it saw as JSON to $O11YLINT_NVIM_OUT.
local out = { diagnostics = {}, actions = {} }
local function finish()
  local f = io.open(os.getenv("O11YLINT_NVIM_OUT"), "w")
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd("qall!")
end

out.got_diagnostics = vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 50)
out.clients = #vim.lsp.buf_get_clients(0)
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data and d.user_data.lsp) or {}
  table.insert(out.diagnostics, {
    lnum = d.lnum, col = d.col, severity = d.severity, message = d.message,
    source = d.source, code = d.code or lsp.code,
  })
end
if not out.got_diagnostics then
  finish()
  return
end

local lnum = vim.diagnostic.get(0)[1].lnum
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = { start = { line = lnum, character = 0 }, ["end"] = { line = lnum, character = 0 } },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
local preferred
for _, r in pairs(responses) do
  for _, a in ipairs(r.result or {}) do
    table.insert(out.actions, a.title)
    if a.isPreferred and not preferred then preferred = a end
  end
end
if preferred then
  vim.lsp.util.apply_workspace_edit(preferred.edit, "utf-16")
  vim.cmd("write")
  out.cleared = vim.wait(90000, function() return #vim.diagnostic.get(0) == 0 end, 50)
  out.fixed_line = vim.api.nvim_buf_get_lines(0, lnum, lnum + 1, false)[1]
end
finish()
