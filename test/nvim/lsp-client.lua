-- Drives the policy-draft language server from Neovim's own LSP client (0.7: start_client +
-- buf_attach_client) and writes what the editor got to $POLICY_DRAFT_NVIM_OUT as JSON.
-- Env: POLICY_DRAFT_SERVER (server.js), POLICY_DRAFT_DRAFT (file to open), POLICY_DRAFT_ROOT.
local out_path = os.getenv('POLICY_DRAFT_NVIM_OUT')
local result = { ok = false, steps = {} }

local function finish()
  local f = io.open(out_path, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function step(name) table.insert(result.steps, name) end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'policy-draft',
    cmd = { 'node', os.getenv('POLICY_DRAFT_SERVER'), '--stdio' },
    root_dir = os.getenv('POLICY_DRAFT_ROOT'),
    init_options = { locale = 'zh-cn' },
  })
  assert(client_id, 'start_client failed')
  step('started')
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('POLICY_DRAFT_DRAFT')))
  local bufnr = vim.api.nvim_get_current_buf()
  -- -u NONE leaves filetype detection off; the languageId sent to the server is the filetype.
  vim.bo[bufnr].filetype = 'markdown'
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(30000, function() return client.initialized end, 50), 'server did not initialize')
  step('initialized')
  result.capabilities = {
    hover = client.server_capabilities.hoverProvider and true or false,
    completion = client.server_capabilities.completionProvider ~= nil,
    documentSymbol = client.server_capabilities.documentSymbolProvider and true or false,
  }

  -- Diagnostics arrive by publishDiagnostics once the corpus index is ready.
  local function codes()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      seen[tostring(lsp.code or d.code)] = true
    end
    return seen
  end
  local got = vim.wait(tonumber(os.getenv('POLICY_DRAFT_NVIM_WAIT') or '120000'), function()
    local c = codes()
    return c['region-unknown'] and c['figure-conflict-corpus']
  end, 100)
  step(got and 'diagnostics' or 'diagnostics-timeout')
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    -- Neovim keeps byte columns; convert back to UTF-16 to compare with what the server sent.
    local function utf16(lnum, col)
      local text = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
      return vim.str_utfindex(text, math.min(col, #text))
    end
    table.insert(result.diagnostics, {
      code = tostring(lsp.code or d.code),
      message = d.message,
      range = {
        start = { line = d.lnum, character = utf16(d.lnum, d.col) },
        ['end'] = { line = d.end_lnum, character = utf16(d.end_lnum, d.end_col) },
      },
    })
  end

  -- Hover on 591名 (line 5, 0-based 4): find its UTF-16 column from the line text.
  local line = vim.api.nvim_buf_get_lines(bufnr, 4, 5, false)[1]
  local byte = line:find('591', 1, true) - 1
  local col16 = vim.str_utfindex(line, byte)
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 4, character = col16 + 1 },
  }, 20000, bufnr)
  if hover and hover.result and hover.result.contents then
    local c = hover.result.contents
    result.hover = type(c) == 'table' and (c.value or vim.fn.json_encode(c)) or tostring(c)
  end
  step('hover')

  local symbols = client.request_sync('textDocument/documentSymbol', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  }, 20000, bufnr)
  result.symbols = {}
  local function walk(list, depth)
    for _, s in ipairs(list or {}) do
      table.insert(result.symbols, string.rep('  ', depth) .. s.name)
      walk(s.children, depth + 1)
    end
  end
  if symbols and symbols.result then walk(symbols.result, 0) end
  step('symbols')

  -- Completion after 持续优化营 on the last paragraph (持续优化营商环境…).
  local last = vim.api.nvim_buf_line_count(bufnr)
  local found
  for l = last - 1, 0, -1 do
    local text = vim.api.nvim_buf_get_lines(bufnr, l, l + 1, false)[1]
    local b = text:find('持续优化营', 1, true)
    if b then found = { line = l, character = vim.str_utfindex(text, b - 1 + #'持续优化营') } break end
  end
  result.completion = {}
  if found then
    local items = client.request_sync('textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = found,
    }, 20000, bufnr)
    local list = items and items.result or {}
    for _, item in ipairs(list.items or list) do table.insert(result.completion, item.label) end
  end
  step('completion')

  client.stop()
  result.ok = true
end)
if not ok then result.error = tostring(err) end
finish()
