"""Bring an existing privacy notice, or a register template, in as draft registers.

``read`` turns an uploaded file into text, ``propose`` turns text into a
:class:`~registers.importing.proposal.Proposal`, the review page edits it and
``apply`` creates the accepted rows in one transaction. Templates are proposals
too (``templates``), so they go through the same review.
"""
