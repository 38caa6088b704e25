-- o11ylint's language server for Go buffers, next to gopls, without plugins.
-- Works with Neovim 0.7 and later (Debian 12 ships 0.7.2). Put this file in
-- ~/.config/nvim/plugin/ (or require it from init.lua). With nvim-lspconfig,
-- see docs/editors.md instead.
--
-- O11YLINT_LSP_CMD (a JSON list) overrides the command, e.g. for tests or to
-- pass analyzer flags: '["o11ylint", "lsp", "-metricname.scheme=utf8"]'.
local cmd = { "o11ylint", "lsp" }
if os.getenv("O11YLINT_LSP_CMD") then
  cmd = vim.fn.json_decode(os.getenv("O11YLINT_LSP_CMD"))
end

-- The module root: the nearest directory above the file holding go.mod.
local function root_of(bufname)
  local dir = vim.fn.fnamemodify(bufname, ":p:h")
  local gomod = vim.fn.findfile("go.mod", dir .. ";")
  if gomod ~= "" then
    return vim.fn.fnamemodify(gomod, ":p:h")
  end
  return dir
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "go",
  callback = function(args)
    local config = { name = "o11ylint", cmd = cmd, root_dir = root_of(vim.api.nvim_buf_get_name(args.buf)) }
    if vim.lsp.start then -- Neovim 0.8+: reuses the client of the same root
      vim.lsp.start(config, { bufnr = args.buf })
    else
      _G.o11ylint_clients = _G.o11ylint_clients or {}
      local id = _G.o11ylint_clients[config.root_dir]
      if not id then
        id = vim.lsp.start_client(config)
        _G.o11ylint_clients[config.root_dir] = id
      end
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
