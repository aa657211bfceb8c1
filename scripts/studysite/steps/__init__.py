"""Post-build steps: each a module with one function, `run(job: Job) -> str` (job.py), over a
built site directory. registry.py lists them in order, with when each runs: the post-build
hook (hooks/post_build.py) runs them after every build, the `studysite` command line has one
command per step (cli.py). Modules without a `run` are the steps' libraries (fonts.py,
svgfont.py, pdf_book.py, pdf_render.py, wordjoin.py).
"""
