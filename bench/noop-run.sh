# The no-op "training script" of bench section 5: it reports one metric and does nothing else.
echo '{"value": 1}'
