"""What each output says: timeline, report, brief and calendar, computed and ready to render.

Builds on the layers below; imports no renderer.
"""
