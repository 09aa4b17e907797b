"""The bodies of build.py's steps, one module per concern; build.py tells the story.

- output.py: the site's files in memory, deterministic archives, the swap into place;
- wheels.py: the pinned wheels whose code runs in visitors' browsers;
- browser_python.py: Pyodide's files, the engine archive, and the browser's Python compiled
  to bytecode by Pyodide itself (precompile/), with its cache;
- publishing.py: what static hosts read: _headers, the service worker, sitemap, robots;
- preview_image.py: the Open Graph / Twitter card image.
"""
